using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// Devices for FASTER's commit and checkpoint metadata files (FasterLog's <c>log-commits/</c>,
/// FasterKV's <c>checkpoints/</c>): <see cref="FileDevice"/>s without a thread, so a metadata write
/// happens on the thread that waits for it, never on the thread pool. Listing and deleting files is
/// <see cref="LocalStorageNamedDeviceFactory"/>'s (the managers find the latest commit or checkpoint
/// through it), so the files are named and found as with FASTER's own devices.
/// </summary>
internal sealed class FileDeviceFactory : INamedDeviceFactory
{
    private readonly LocalStorageNamedDeviceFactory _files = new();
    private string _baseName = "";

    /// <inheritdoc />
    public void Initialize(string baseName)
    {
        _baseName = baseName;
        _files.Initialize(baseName);
    }

    /// <inheritdoc />
    public IDevice Get(FileDescriptor fileInfo) =>
        new FileDevice(Path.Combine(_baseName, fileInfo.directoryName, fileInfo.fileName), recover: false, dedicatedThread: false);

    /// <inheritdoc />
    public IEnumerable<FileDescriptor> ListContents(string path) => _files.ListContents(path);

    /// <inheritdoc />
    public void Delete(FileDescriptor fileInfo) => _files.Delete(fileInfo);
}

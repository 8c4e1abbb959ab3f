using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using FASTER.core;
using Microsoft.Win32.SafeHandles;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// A FASTER storage device over segment files (<c>&lt;name&gt;.0</c>, <c>&lt;name&gt;.1</c>, …, as
/// FASTER's own devices name them) whose reads and writes never run on the thread pool: on a thread
/// of the device's own (the logs), or synchronously on the caller (the small commit and checkpoint
/// metadata files, <see cref="FileDeviceFactory"/>).
/// </summary>
/// <remarks>
/// <para>FASTER's file devices complete every I/O on the thread pool (on Unix, .NET runs file
/// I/O as pool work items). FASTER blocks callers until some of that I/O completes: a writer
/// whose page allocation needs an older page flushed, a reader whose record is on disk. With the
/// store's writers queued on its write lock behind such a caller on every pool thread, nothing
/// completed until the pool added a thread, about one per second: writes stalled for seconds
/// (measured with 8 writers on 2 cores). Here the I/O needs no pool thread, so what FASTER waits
/// for always makes progress.</para>
/// <para>Files are opened with <see cref="FileOptions.WriteThrough"/> (<c>O_SYNC</c>), as FASTER's
/// devices do: a write is on stable storage when its callback runs. With a thread, it serves the
/// device's requests in order; a store has one such device per log. A metadata write is waited for
/// by the thread that issues it (often a log device's thread, completing a flush), so those devices
/// have no thread: the write happens on that thread, and cannot queue behind it.</para>
/// </remarks>
internal sealed class FileDevice : StorageDeviceBase
{
    /// <summary>Requests waiting for the I/O thread; <c>null</c> for a device without one.</summary>
    private readonly BlockingCollection<Request>? _requests;

    /// <summary>Open segment files.</summary>
    private readonly ConcurrentDictionary<int, SafeFileHandle> _files = new();

    private readonly Thread? _thread;

    private int _disposed;

    /// <summary>A device over the segment files of <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The files' path, without the segment number.</param>
    /// <param name="recover">Whether to take over the segments already on disk.</param>
    /// <param name="dedicatedThread">Whether I/O runs on a thread of the device's own (else on the caller).</param>
    public FileDevice(string fileName, bool recover, bool dedicatedThread)
        : base(fileName, 512, Devices.CAPACITY_UNSPECIFIED)
    {
        if (recover)
        {
            FindSegments();
        }

        if (dedicatedThread)
        {
            _requests = [];
            _thread = new Thread(Run)
            {
                IsBackground = true,
                Name = "FastFlow store I/O: " + Path.GetFileName(fileName),
            };
            _thread.Start();
        }
    }

    /// <inheritdoc />
    public override void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength,
        DeviceIOCompletionCallback callback, object context) =>
        Submit(new Request(false, segmentId, (long)sourceAddress, destinationAddress, (int)readLength, callback, context));

    /// <inheritdoc />
    public override void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite,
        DeviceIOCompletionCallback callback, object context) =>
        Submit(new Request(true, segmentId, (long)destinationAddress, sourceAddress, (int)numBytesToWrite, callback, context));

    /// <inheritdoc />
    public override void RemoveSegment(int segment)
    {
        if (_files.TryRemove(segment, out var file))
        {
            file.Dispose();
        }

        File.Delete(SegmentPath(segment));
    }

    /// <inheritdoc />
    public override void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        RemoveSegment(segment);
        callback(result);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Requests already queued are served; FASTER issues none after it is disposed.
        if (_requests is not null)
        {
            _requests.CompleteAdding();
            _thread!.Join();
            _requests.Dispose();
        }

        foreach (var file in _files.Values)
        {
            file.Dispose();
        }

        _files.Clear();
    }

    private void Submit(Request request)
    {
        if (_requests is null)
        {
            Serve(request);
        }
        else
        {
            _requests.Add(request);
        }
    }

    private void Run()
    {
        foreach (var request in _requests!.GetConsumingEnumerable())
        {
            Serve(request);
        }
    }

    private void Serve(Request request)
    {
        uint error = 0;
        var transferred = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(request.Length);
        try
        {
            var file = _files.GetOrAdd(request.Segment, OpenSegment);
            if (request.IsWrite)
            {
                Marshal.Copy(request.Memory, buffer, 0, request.Length);
                RandomAccess.Write(file, buffer.AsSpan(0, request.Length), request.Offset);
                transferred = request.Length;
            }
            else
            {
                // Past the end of the file (a page never written) reads as zeros, as FASTER expects.
                while (transferred < request.Length)
                {
                    var read = RandomAccess.Read(file, buffer.AsSpan(transferred, request.Length - transferred), request.Offset + transferred);
                    if (read == 0)
                    {
                        break;
                    }

                    transferred += read;
                }

                buffer.AsSpan(transferred, request.Length - transferred).Clear();
                Marshal.Copy(buffer, 0, request.Memory, request.Length);
            }
        }
        catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && _requests is not null)
        {
            // A log page: FASTER handles the error code (it fails the flush and the commits after it).
            // Metadata writes (no thread) throw instead: FASTER's commit managers only log an error
            // code and carry on, which would report a commit that is not on disk.
            error = ex.HResult is var code and not 0 ? (uint)(code & 0xFFFF) : 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Callback(error, (uint)transferred, request.Context);
    }

    private SafeFileHandle OpenSegment(int segment)
    {
        var path = SegmentPath(segment);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite,
            FileShare.ReadWrite | FileShare.Delete, FileOptions.WriteThrough);
    }

    private string SegmentPath(int segment) => GetSegmentFilename(FileName, segment);

    /// <summary>Takes over the segments on disk: FASTER deletes segments below the first one when the
    /// log is truncated, so it must know where they start.</summary>
    private void FindSegments()
    {
        var directory = Path.GetDirectoryName(FileName)!;
        var prefix = Path.GetFileName(FileName) + ".";
        if (!Directory.Exists(directory))
        {
            return;
        }

        var segments = new List<int>();
        foreach (var path in Directory.EnumerateFiles(directory, prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(path).AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var segment))
            {
                segments.Add(segment);
            }
        }

        if (segments.Count == 0)
        {
            return;
        }

        segments.Sort();
        startSegment = segments[0];
        endSegment = segments[^1];
    }

    /// <summary>One read or write.</summary>
    private sealed record Request(bool IsWrite, int Segment, long Offset, IntPtr Memory, int Length,
        DeviceIOCompletionCallback Callback, object Context);
}

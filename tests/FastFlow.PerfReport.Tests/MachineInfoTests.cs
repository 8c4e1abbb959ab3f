using FastFlow.PerfReport.Machine;

namespace FastFlow.PerfReport.Tests;

public class MachineInfoTests
{
    [Theory]
    [InlineData("AMD EPYC", "2", "amd-epyc-2c")]
    [InlineData("AMD EPYC 7763 64-Core Processor", "2", "amd-epyc-7763-2c")]
    [InlineData("Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", "4", "intel-xeon-platinum-8272cl-4c")]
    [InlineData("Apple M2 Pro", "", "apple-m2-pro")]
    [InlineData("", "8", "unknown-cpu-8c")]
    public void Names_the_machine_by_cpu_model_and_cores(string cpu, string cores, string slug) =>
        Assert.Equal(slug, MachineInfo.Parse($"cpu: {cpu}\ncores: {cores}\n").Slug);

    [Fact]
    public void Reads_key_value_lines()
    {
        Assert.Equal("Debian GNU/Linux 12 (bookworm) 6.18.44", Sample.Machine["os"]);
        Assert.Equal("1.31 2.26 2.44 (1, 5, 15 min) when the run ended", Sample.Machine["load"]);
        Assert.Equal(2, Sample.Machine.Cores);
        Assert.Equal(string.Empty, Sample.Machine["gpu"]);
    }
}

using System.Diagnostics;

namespace ServerlessInstruct.Cli.Dedup;

internal static class ProcessMemory
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>The highest resident set size of this process so far, in MB.</summary>
    public static double PeakWorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / Megabyte;
    }

    public static double ManagedHeapMegabytes() => GC.GetGCMemoryInfo().HeapSizeBytes / Megabyte;

    public static double AllocatedMegabytes() => GC.GetTotalAllocatedBytes() / Megabyte;
}

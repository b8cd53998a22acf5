using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Gemini.Generated.Benchmarks;

/// <summary>Mean time over the mean time of the same class's "limit of our stack" case, from the same run.</summary>
public sealed class LimitRatioColumn : IColumn
{
    public string Id => nameof(LimitRatioColumn);

    public string ColumnName => "vs limit";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean time / mean time of the limit of our stack (bare HttpClient + the SDK's Newtonsoft settings, pooled buffers), same class and run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var limit = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type && c.Descriptor.WorkloadMethod.Name == nameof(AnswerBenchmark.Limit));
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var limitMean = limit is null ? null : summary[limit]?.ResultStatistics?.Mean;
        return mean is { } m && limitMean is > 0 ? (m / limitMean.Value).ToString("0.00") + "x" : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

using CloudpackPlus.Integrations.Aws.Protocol;

namespace CloudpackPlus.Integrations.Aws.CostExplorer;

// shared/aws/models/ce/2017-10-25 (JSON 1.1, PascalCase).

public sealed class GetCostAndUsageRequest
{
    public required DateInterval TimePeriod { get; set; }

    /// <summary>DAILY, MONTHLY, HOURLY.</summary>
    public required string Granularity { get; set; }

    public required List<string> Metrics { get; set; }

    public List<GroupDefinition>? GroupBy { get; set; }

    public string? NextPageToken { get; set; }
}

public sealed class DateInterval
{
    /// <summary>yyyy-MM-dd, inclusive.</summary>
    public required string Start { get; set; }

    /// <summary>yyyy-MM-dd, exclusive.</summary>
    public required string End { get; set; }
}

public sealed class GroupDefinition
{
    /// <summary>DIMENSION, TAG, COST_CATEGORY.</summary>
    public string? Type { get; set; }

    public string? Key { get; set; }
}

public sealed class GetCostAndUsageResponse : AwsResponse
{
    public string? NextPageToken { get; set; }

    public List<GroupDefinition>? GroupDefinitions { get; set; }

    public List<ResultByTime> ResultsByTime { get; set; } = [];
}

public sealed class ResultByTime
{
    public DateInterval? TimePeriod { get; set; }

    public Dictionary<string, MetricValue>? Total { get; set; }

    public List<Group> Groups { get; set; } = [];

    public bool? Estimated { get; set; }
}

public sealed class Group
{
    public List<string> Keys { get; set; } = [];

    public Dictionary<string, MetricValue> Metrics { get; set; } = [];
}

public sealed class MetricValue
{
    /// <summary>Decimal as a string, e.g. "123.4567".</summary>
    public string? Amount { get; set; }

    public string? Unit { get; set; }
}

/// <summary>One month's cost of one service (TOOL-2; approximate, may differ from the bill).</summary>
public sealed record MonthlyServiceCost(DateOnly Month, string Service, decimal Amount, string Unit, bool Estimated);

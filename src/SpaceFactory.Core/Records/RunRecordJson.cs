using System.Text.Json.Serialization.Metadata;

namespace SpaceFactory.Core.Records;

/// <summary>The source-generated JSON contracts of the run record, for hosts and stores that read it themselves.</summary>
public static class RunRecordJson
{
    /// <summary>The contract of <c>state.json</c>.</summary>
    public static JsonTypeInfo<RunState> RunState => CoreJsonContext.Default.RunState;

    /// <summary>The contract of one <c>events.jsonl</c> line.</summary>
    public static JsonTypeInfo<RunEvent> RunEvent => CoreJsonContext.Default.RunEvent;
}

using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>The refs answer: <c>{"branches", "converts", "tags", "pullRequests"?}</c>, each ref <c>{"name", "ref", "targetCommit"}</c>.</summary>
internal sealed record RefsAnswer(
    [property: JsonPropertyName("branches")] IReadOnlyList<RefsAnswer.Entry> Branches,
    [property: JsonPropertyName("converts")] IReadOnlyList<RefsAnswer.Entry> Converts,
    [property: JsonPropertyName("tags")] IReadOnlyList<RefsAnswer.Entry> Tags,
    [property: JsonPropertyName("pullRequests")] IReadOnlyList<RefsAnswer.Entry>? PullRequests)
{
    /// <summary>One ref.</summary>
    internal sealed record Entry(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("ref")] string Ref,
        [property: JsonPropertyName("targetCommit")] string TargetCommit);
}

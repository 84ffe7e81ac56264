using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>
/// <see cref="JsonArray.Add(JsonNode?)"/> without the generic <c>Add&lt;T&gt;</c> overload, which is not trimming-safe
/// and wins overload resolution for concrete node types.
/// </summary>
internal static class JsonArrayExtensions
{
    public static void Append(this JsonArray array, JsonNode? node) => array.Add(node);
}

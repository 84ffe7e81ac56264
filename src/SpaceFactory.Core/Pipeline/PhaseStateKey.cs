using System.Text.Json.Serialization.Metadata;

namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// A typed key of the state bag steps use to hand values on. Values are serialised with <see cref="TypeInfo"/>
/// (source-generated) and persisted with the run, so a resumed run sees what earlier steps produced.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Name">The key's name in the persisted bag.</param>
/// <param name="TypeInfo">The source-generated JSON contract of <typeparamref name="T"/>.</param>
public sealed record PhaseStateKey<T>(string Name, JsonTypeInfo<T> TypeInfo);

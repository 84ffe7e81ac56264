using System.Collections.Concurrent;
using System.Text.Json;

namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// The typed bag steps use to hand values on (the analysis, the generated files, the commit id...). It is saved in
/// the run record after every step, so a resumed run starts with what finished steps produced.
/// </summary>
public sealed class PhaseState
{
    private readonly ConcurrentDictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

    /// <summary>Creates an empty bag.</summary>
    public PhaseState()
    {
    }

    internal PhaseState(IReadOnlyDictionary<string, JsonElement> values)
    {
        foreach (var (name, value) in values)
        {
            _values[name] = value.Clone();
        }
    }

    /// <summary>The names of the values present.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any earlier value.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public void Set<T>(PhaseStateKey<T> key, T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _values[key.Name] = JsonSerializer.SerializeToElement(value, key.TypeInfo);
    }

    /// <summary>Reads the value under <paramref name="key"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No earlier step stored it; the message names the key.</exception>
    public T Get<T>(PhaseStateKey<T> key) =>
        TryGet(key, out var value)
            ? value
            : throw new KeyNotFoundException($"The run state has no '{key.Name}': the step that produces it has not run in this recipe.");

    /// <summary>Reads the value under <paramref name="key"/> when present.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="value">The value when present.</param>
    /// <returns>Whether a value was present.</returns>
    public bool TryGet<T>(PhaseStateKey<T> key, out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_values.TryGetValue(key.Name, out var element))
        {
            value = element.Deserialize(key.TypeInfo)!;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Whether a value is stored under <paramref name="name"/>.</summary>
    /// <param name="name">The key name.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>A copy of the values for persisting.</summary>
    internal Dictionary<string, JsonElement> Snapshot() => new(_values, StringComparer.Ordinal);
}

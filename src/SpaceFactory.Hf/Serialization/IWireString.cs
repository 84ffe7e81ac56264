namespace SpaceFactory.Hf.Serialization;

/// <summary>
/// A value from an open set the Hub spells as a string (stages, flavors, volume types): any spelling is kept, so an
/// unknown value read from a response never fails.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface IWireString<TSelf>
    where TSelf : struct, IWireString<TSelf>
{
    /// <summary>The spelling on the wire; <see langword="null"/> for a default (unset) value.</summary>
    string? WireValue { get; }

    /// <summary>Wraps a spelling read from the wire, whatever it is.</summary>
    static abstract TSelf FromWire(string value);
}

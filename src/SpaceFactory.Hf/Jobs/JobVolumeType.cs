using System.Text.Json.Serialization;
using SpaceFactory.Hf.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// What a <see cref="JobVolume"/> mounts (<c>type</c>): a Storage Bucket or a model, dataset or Space repository.
/// Open set when read from the Hub: an unknown type is kept as it is.
/// </summary>
[JsonConverter(typeof(WireStringJsonConverter<JobVolumeType>))]
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public readonly record struct JobVolumeType : IWireString<JobVolumeType>
{
    private readonly string? _value;

    private JobVolumeType(string value) => _value = value;

    /// <summary>A Storage Bucket (read-write unless mounted read-only).</summary>
    public static JobVolumeType Bucket { get; } = new("bucket");

    /// <summary>A model repository (always read-only).</summary>
    public static JobVolumeType Model { get; } = new("model");

    /// <summary>A dataset repository (always read-only).</summary>
    public static JobVolumeType Dataset { get; } = new("dataset");

    /// <summary>A Space repository (always read-only).</summary>
    public static JobVolumeType Space { get; } = new("space");

    /// <summary>The wire spelling (singular), e.g. <c>bucket</c>; empty for a default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this mounts a repository (model, dataset or Space) rather than a bucket.</summary>
    public bool IsRepository => Value is "model" or "dataset" or "space";

    string? IWireString<JobVolumeType>.WireValue => _value;

    /// <summary>The volume type of a repository type.</summary>
    /// <param name="type">The repository type.</param>
    /// <returns>The matching volume type.</returns>
    public static JobVolumeType FromRepoType(RepoType type) => new(type.ToWireName());

    /// <inheritdoc />
    static JobVolumeType IWireString<JobVolumeType>.FromWire(string value) => new(value);

    /// <summary>Wraps a spelling read from the Hub, whatever it is.</summary>
    internal static JobVolumeType FromWire(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}

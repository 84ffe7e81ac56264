namespace SpaceFactory.Core.Records;

/// <summary>A run as listed by a store.</summary>
/// <param name="RunId">The run.</param>
/// <param name="State">Its current state.</param>
public sealed record RunSummary(RunId RunId, RunState State);

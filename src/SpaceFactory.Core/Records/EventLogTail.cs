namespace SpaceFactory.Core.Records;

/// <summary>What repairing an event log found: the last complete sequence number and how many torn bytes were dropped.</summary>
/// <param name="LastSeq">The <c>seq</c> of the last complete line (0 when empty).</param>
/// <param name="DroppedBytes">Bytes of an incomplete last line that were removed.</param>
public sealed record EventLogTail(long LastSeq, long DroppedBytes);

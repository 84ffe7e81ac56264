using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>Source-generated JSON contracts of the Jobs API (names are set per property; no naming policy).</summary>
[JsonSerializable(typeof(JobSpecRequest))]
[JsonSerializable(typeof(JobInfo))]
[JsonSerializable(typeof(List<JobInfo>))]
[JsonSerializable(typeof(List<JobHardware>))]
[JsonSerializable(typeof(WhoAmIName))]
[JsonSerializable(typeof(ScheduledJobRequest))]
[JsonSerializable(typeof(ScheduledJobInfo))]
[JsonSerializable(typeof(List<ScheduledJobInfo>))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;

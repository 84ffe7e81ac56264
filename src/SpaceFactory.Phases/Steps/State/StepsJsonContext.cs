using System.Text.Json.Serialization;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>Source-generated JSON for the steps' state and the artifacts they record (snake_case, our own formats).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ModelAnalysis))]
[JsonSerializable(typeof(RuntimeRecommendation))]
[JsonSerializable(typeof(GeneratedAppRecord))]
[JsonSerializable(typeof(TargetSpaceRecord))]
[JsonSerializable(typeof(ValidationTestResult))]
[JsonSerializable(typeof(SpaceFactory.Hf.Gradio.GradioApiSchema))]
internal sealed partial class StepsJsonContext : JsonSerializerContext;

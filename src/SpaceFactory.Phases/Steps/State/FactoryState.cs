using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>The values the factory's steps hand on to each other (persisted with the run).</summary>
public static class FactoryState
{
    /// <summary>The model analysis (AnalyzeModelCard → Recommend, Generate).</summary>
    public static readonly PhaseStateKey<ModelAnalysis> Analysis = new("model_analysis", StepsJsonContext.Default.ModelAnalysis);

    /// <summary>The hardware recommendation (RecommendRuntime → CreatePrivateSpace, Generate).</summary>
    public static readonly PhaseStateKey<RuntimeRecommendation> Recommendation = new("runtime_recommendation", StepsJsonContext.Default.RuntimeRecommendation);

    /// <summary>The generated app (Generate → agent edits → Upload, Validate).</summary>
    public static readonly PhaseStateKey<GeneratedAppRecord> App = new("generated_app", StepsJsonContext.Default.GeneratedAppRecord);

    /// <summary>The target Space (EnsureTargetAbsent → Create → Upload → Wait → Validate → WriteTargetSpace).</summary>
    public static readonly PhaseStateKey<TargetSpaceRecord> Target = new("target_space", StepsJsonContext.Default.TargetSpaceRecord);
}

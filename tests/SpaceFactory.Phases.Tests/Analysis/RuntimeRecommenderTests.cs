using SpaceFactory.Hf;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Tests.Analysis;

[TestFixture]
public class RuntimeRecommenderTests
{
    private static readonly RuntimeRecommender Recommender = new();

    private static ModelAnalysis Sized(long parameters, long weightBytes) => new()
    {
        Model = RepoId.Parse("org/model"),
        Supported = true,
        Reason = "test",
        Parameters = parameters,
        ParametersSource = "safetensors",
        WeightBytes = weightBytes,
    };

    [Test]
    public void Tiny_models_get_cpu_basic()
    {
        var recommendation = Recommender.Recommend(Sized(102_714, 2_500_000));
        Assert.That(recommendation.Flavors, Is.EqualTo(new[] { "cpu-basic" }));
        Assert.That(recommendation.ManualHardwareRequired, Is.False);
        Assert.That(recommendation.Reasons.Single(), Does.Contain("cpu-basic").And.Contain("102.7K parameters"));
        Assert.That(recommendation.EstimatedMemoryBytes, Is.EqualTo(2_500_000 + 500_000 + RuntimeRecommender.RuntimeOverheadBytes));
    }

    [Test]
    public void Large_models_get_zerogpu_first_then_the_fixed_gpu_only_when_enabled()
    {
        var sevenB = Sized(7_000_000_000, 14_000_000_000);
        Assert.That(Recommender.Recommend(sevenB).Flavors, Is.EqualTo(new[] { "zero-a10g" }));
        Assert.That(Recommender.Recommend(sevenB).UsesZeroGpu, Is.True);

        var threeB = Sized(3_000_000_000, 6_000_000_000);
        var both = Recommender.Recommend(threeB, new RuntimeOptions { AllowFixedGpu = true });
        Assert.That(both.Flavors, Is.EqualTo(new[] { "zero-a10g", "t4-small", "t4-medium" }), "the ladder, cheapest first, three candidates");
        Assert.That(both.Reasons, Has.Count.EqualTo(3));
        Assert.That(both.Rejected, Has.Some.StartsWith("cpu-basic: 3B parameters"));
    }

    [Test]
    public void When_nothing_allowed_fits_a_person_must_choose()
    {
        var recommendation = Recommender.Recommend(Sized(7_000_000_000, 14_000_000_000), new RuntimeOptions { AllowZeroGpu = false });
        Assert.That(recommendation.Flavors, Is.Empty);
        Assert.That(recommendation.ManualHardwareRequired, Is.True);
        Assert.That(recommendation.Reasons.Single(), Does.Contain("choose hardware by hand").And.Contain("the smallest that fits is zero-a10g").And.Contain("allow_zerogpu=true"));
    }
}

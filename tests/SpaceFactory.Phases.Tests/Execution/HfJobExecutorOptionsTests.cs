using Microsoft.Extensions.Configuration;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Phases.Tests.Execution;

/// <summary>The SPACE_FACTORY_* variables are read in one place and checked at start with messages that name them.</summary>
[TestFixture]
public sealed class HfJobExecutorOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static HfJobExecutorOptions Valid() => new() { BucketSource = "hf://buckets/me/runs", Image = "python:3.12" };

    [Test]
    public void The_variables_set_the_options_trimmed_and_blank_ones_keep_the_defaults()
    {
        var options = new HfJobExecutorOptions().Read(Config(
            ("SPACE_FACTORY_BUCKET_SOURCE", " hf://buckets/me/runs "),
            ("SPACE_FACTORY_BUCKET_MOUNT", "/data"),
            ("SPACE_FACTORY_JOB_FLAVOR", "a10g-small"),
            ("SPACE_FACTORY_JOB_TIMEOUT", "  "),
            ("SPACE_FACTORY_JOB_IMAGE", "hf.co/spaces/me/factory")));

        Assert.That(options.BucketSource, Is.EqualTo("hf://buckets/me/runs"));
        Assert.That(options.BucketMount, Is.EqualTo("/data"));
        Assert.That(options.Flavor, Is.EqualTo("a10g-small"));
        Assert.That(options.Timeout, Is.EqualTo("15m"), "a blank variable is unset");
        Assert.That(options.Image, Is.EqualTo("hf.co/spaces/me/factory"));
    }

    [Test]
    public void Valid_options_pass_and_a_user_placeholder_is_accepted()
    {
        var validator = new HfJobExecutorOptionsValidator();
        var perUser = Valid();
        perUser.BucketSource = "hf://buckets/{user}/spacefactory-runs";

        Assert.That(validator.Validate(null, Valid()).Succeeded, Is.True);
        Assert.That(validator.Validate(null, perUser).Succeeded, Is.True);
    }

    [Test]
    public void Missing_bucket_and_image_are_named_by_their_variables()
    {
        var result = new HfJobExecutorOptionsValidator().Validate(null, new HfJobExecutorOptions());

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.StartsWith("SPACE_FACTORY_BUCKET_SOURCE (HfJobExecutorOptions.BucketSource) is required"));
        Assert.That(result.Failures, Has.Some.StartsWith("SPACE_FACTORY_JOB_IMAGE (HfJobExecutorOptions.Image) is required"));
    }

    [TestCase("BucketSource", "hf://models/me/x", "SPACE_FACTORY_BUCKET_SOURCE (HfJobExecutorOptions.BucketSource): 'hf://models/me/x' is not a bucket location")]
    [TestCase("Timeout", "soon", "SPACE_FACTORY_JOB_TIMEOUT: Job timeout 'soon' is not valid")]
    [TestCase("Flavor", "cpu basic", "SPACE_FACTORY_JOB_FLAVOR: Flavor 'cpu basic' contains blanks")]
    [TestCase("BucketMount", "output", "SPACE_FACTORY_BUCKET_MOUNT (HfJobExecutorOptions.BucketMount) 'output' must be an absolute folder")]
    [TestCase("BucketMount", "/", "SPACE_FACTORY_BUCKET_MOUNT (HfJobExecutorOptions.BucketMount) '/' must be an absolute folder")]
    [TestCase("Image", "hf.co/spaces/noslash", "SPACE_FACTORY_JOB_IMAGE: Job image 'hf.co/spaces/noslash' names a Space")]
    public void A_bad_value_is_refused_in_words_naming_its_variable(string option, string value, string message)
    {
        var options = Valid();
        switch (option)
        {
            case "BucketSource": options.BucketSource = value; break;
            case "Timeout": options.Timeout = value; break;
            case "Flavor": options.Flavor = value; break;
            case "BucketMount": options.BucketMount = value; break;
            default: options.Image = value; break;
        }

        var result = new HfJobExecutorOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.One.StartsWith(message));
        Assert.That(result.FailureMessage, Does.Not.Contain("(Parameter"), "no .NET parameter text");
    }
}

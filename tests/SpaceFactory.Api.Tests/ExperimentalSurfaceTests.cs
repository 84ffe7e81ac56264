using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using SpaceFactory.Hf;

namespace SpaceFactory.Api.Tests;

/// <summary>The young Hugging Face surfaces are marked experimental, every public type of them, with their own id.</summary>
[TestFixture]
public sealed class ExperimentalSurfaceTests
{
    private static readonly Type[] HfTypes = typeof(HfClientOptions).Assembly.GetExportedTypes();

    [TestCase("SpaceFactory.Hf.Jobs", "SFHF001")]
    [TestCase("SpaceFactory.Hf.Buckets", "SFHF002")]
    public void Every_public_type_of_the_namespace_is_experimental_with_its_id(string ns, string diagnosticId)
    {
        var types = HfTypes.Where(t => t.Namespace == ns).ToList();

        Assert.That(types, Is.Not.Empty);
        Assert.That(types.Where(t => t.GetCustomAttribute<ExperimentalAttribute>()?.DiagnosticId != diagnosticId).Select(t => t.FullName),
            Is.Empty, $"types of {ns} without [Experimental(\"{diagnosticId}\")]");
    }

    [Test]
    public void The_Hub_and_Gradio_surfaces_are_not_experimental()
    {
        var experimental = HfTypes
            .Where(t => t.Namespace is not ("SpaceFactory.Hf.Jobs" or "SpaceFactory.Hf.Buckets"))
            .Where(t => t.GetCustomAttribute<ExperimentalAttribute>() is not null)
            .Select(t => t.FullName);

        Assert.That(experimental, Is.Empty);
    }
}

using System.Reflection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Api.Tests;

/// <summary>Each shipped package's public API equals its reviewed listing in <c>api/</c>.</summary>
[TestFixture]
public sealed class PublicApiTests
{
    [Test]
    public void Core_public_api_is_approved() => Approve(typeof(RunResult).Assembly);

    [Test]
    public void Hf_public_api_is_approved() => Approve(typeof(HfClientOptions).Assembly);

    [Test]
    public void Phases_public_api_is_approved() => Approve(typeof(SpaceFactoryHfBuilderExtensions).Assembly);

    [Test]
    public void Sandbox_public_api_is_approved() => Approve(typeof(HfSandbox).Assembly);

    private static void Approve(Assembly assembly)
    {
        var result = ApiApproval.Check(ApiApproval.Listing(assembly), ApiApproval.ListingPath(assembly), ApiApproval.UpdateRequested);
        switch (result.Verdict)
        {
            case ApprovalVerdict.Approved:
                return;
            case ApprovalVerdict.Updated:
                Assert.Pass(result.Message);
                return;
            default:
                Assert.Fail(result.Message);
                return;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Sandbox.Llm;

namespace SpaceFactory.EndToEnd.Tests.Agents;

/// <summary>
/// The wrapper, not the agent, decides what ships: the real pi runs a hostile scripted model and every run ends
/// <c>agent_policy_violation</c> naming the rule and the line, with nothing uploaded (or, for the deploy task, the
/// public Space made private at once).
/// </summary>
[TestFixture]
[Category("pi")]
[Parallelizable(ParallelScope.All)]
public class PiPolicyTests
{
    private static async Task<(FactoryFixture Fixture, RunResult Result)> AdaptWithAsync(string model, LlmScript script)
    {
        var fixture = await PiFixture.StartAsync(model, sandbox: o => o.LlmScripts[model] = script);
        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "sshleifer/tiny-gpt2"), ("agent", "pi"));
        return (fixture, result);
    }

    [Test]
    public async Task An_app_that_sends_the_token_to_a_foreign_host_is_not_deployed()
    {
        var (fixture, result) = await AdaptWithAsync("exfiltrating-model", HostileAgentScripts.Exfiltrate);
        await using (fixture)
        {
            Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation), result.Outcome.Reason);
            Assert.That(result.Outcome.Reason, Does.Match(@"app\.py line \d+ \(rule (network|environment|foreign_host)\)"));
            Assert.That(fixture.Sandbox.Inspector.GetRequestCount("POST", "/api/repos/create"), Is.Zero, "nothing was deployed");
        }
    }

    [Test]
    public async Task Requirements_with_an_extra_index_url_are_not_deployed()
    {
        var (fixture, result) = await AdaptWithAsync("index-model", HostileAgentScripts.ExtraIndexUrl);
        await using (fixture)
        {
            Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation), result.Outcome.Reason);
            Assert.That(result.Outcome.Reason, Does.Contain("requirements.txt line 1 (rule requirements_option)"));
            Assert.That(fixture.Sandbox.Inspector.GetRequestCount("POST", "/api/repos/create"), Is.Zero);
        }
    }

    [Test]
    public async Task An_app_without_its_health_endpoint_is_not_deployed()
    {
        var (fixture, result) = await AdaptWithAsync("health-model", HostileAgentScripts.DeleteHealth);
        await using (fixture)
        {
            Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation), result.Outcome.Reason);
            Assert.That(result.Outcome.Reason, Does.Contain("no longer declares the endpoint /health"));
            Assert.That(fixture.Sandbox.Inspector.GetRequestCount("POST", "/api/repos/create"), Is.Zero);
        }
    }

    [Test]
    public async Task A_deploy_that_makes_the_space_public_fails_and_the_space_is_made_private()
    {
        await using var fixture = await PiFixture.StartAsync("publishing-model", sandbox: o => o.LlmScripts["publishing-model"] = HostileAgentScripts.MakePublic);

        var result = await fixture.RunAsync(FactoryRecipes.PiRecipe, ("space", "published"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation), result.Outcome.Reason);
        var info = await fixture.Services.GetRequiredService<HubClient>().GetSpaceInfoAsync(RepoId.Parse(fixture.Sandbox.DefaultUser + "/published"));
        Assert.That(info.Private, Is.True);
    }
}

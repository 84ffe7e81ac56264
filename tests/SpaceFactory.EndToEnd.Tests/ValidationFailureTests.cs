using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>A Space that runs but answers wrongly is a failed run: only a passing check is success.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ValidationFailureTests
{
    [Test]
    public async Task A_wrong_answer_ends_as_validation_failed_with_the_test_result_recorded()
    {
        await using var fixture = await FactoryFixture.StartAsync(services: services => services.AddRecipe("tampered", (recipe, sp) => recipe
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .Add(new WrongAnswerStep("something else"))
            .AddRange(CommonSteps.DeployAndValidate(sp))));

        var result = await fixture.RunAsync("tampered", ("space", "liar"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ValidationFailed));
        Assert.That(result.Outcome.Reason, Does.Contain("expected \"SpaceFactory smoke test\"").And.Contain("something else"));
        var test = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "tests/test_result.json"));
        Assert.That(test, Does.Contain("\"passed\": false"));
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Validation!.Passed, Is.False);
    }

    [Test]
    public async Task An_app_whose_result_stream_never_ends_its_line_ends_validation_failed_naming_the_limit()
    {
        await using var fixture = await FactoryFixture.StartAsync(services: services =>
        {
            services.AddRecipe("endless", (recipe, sp) => recipe
                .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
                .AddRange(CommonSteps.DeployAndValidate(sp)));
            services.AddHttpClient(GradioClientFactory.StreamClientName).AddHttpMessageHandler(() => new EndlessResultStreamHandler());
        });

        var result = await fixture.RunAsync("endless", ("space", "endless"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ValidationFailed), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("MaxSseEventBytes").And.Contain("16 MiB"));
    }

    /// <summary>Answers every result stream of the app with one SSE line that never ends, generated as it is read.</summary>
    private sealed class EndlessResultStreamHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.Contains("/call/", StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            var content = new StreamContent(new EndlessLine());
            content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }

        private sealed class EndlessLine : MemoryStream
        {
            public override int Read(byte[] buffer, int offset, int count)
            {
                buffer.AsSpan(offset, count).Fill((byte)'x');
                return count;
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                buffer.Span.Fill((byte)'x');
                return ValueTask.FromResult(buffer.Length);
            }
        }
    }
}

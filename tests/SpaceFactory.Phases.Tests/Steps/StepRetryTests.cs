using System.Net;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>The steps' retry pipeline: attempt counts, the run's clock, the server's requested wait, and no blind re-send.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class StepRetryTests
{
    private static readonly StepRetryOptions Options = new() { MaxAttempts = 3, Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(15) };

    private static HfApiException Answer(HttpStatusCode status, string? retryAfterSeconds = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hub.test/api/repos/create");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (retryAfterSeconds is not null)
        {
            response.Headers.Add("Retry-After", retryAfterSeconds);
        }

        return HfApiExceptionFactory.Create(response, "{\"error\":\"x\"}", TimeProvider.System);
    }

    /// <summary>A fake clock that remembers the length of every timer started on it (Polly's pauses).</summary>
    private sealed class PauseClock : FakeTimeProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _pauses = new();

        public IReadOnlyList<TimeSpan> Pauses => [.. _pauses];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _pauses.Enqueue(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    private static Task<string> Run(FakeTimeProvider clock, Func<int, Exception?> failure, List<int> attempts, List<int>? retries = null)
    {
        var pipeline = StepRetry.Create(Options, clock, (_, number, _) =>
        {
            retries?.Add(number);
            return ValueTask.CompletedTask;
        });
        var number = 0;
        return pipeline.ExecuteAsync(_ =>
        {
            number++;
            attempts.Add(number);
            return failure(number) is { } ex ? ValueTask.FromException<string>(ex) : ValueTask.FromResult("done");
        }).AsTask();
    }

    private static async Task<T> DriveAsync<T>(FakeTimeProvider clock, Task<T> task)
    {
        while (!task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        return await task;
    }

    [Test]
    public async Task Transient_failures_are_tried_again_with_the_doubling_pause_on_the_run_clock()
    {
        var clock = new PauseClock();
        var attempts = new List<int>();
        var retries = new List<int>();

        var result = await DriveAsync(clock, Run(clock, n => n < 3 ? Answer(HttpStatusCode.BadGateway) : null, attempts, retries));

        Assert.That(result, Is.EqualTo("done"));
        Assert.That(attempts, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(clock.Pauses, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }));
        Assert.That(retries, Is.EqualTo(new[] { 1, 2 }), "the record hears each failed attempt, counted from 1");
    }

    [Test]
    public async Task A_longer_wait_asked_by_a_429_is_honoured()
    {
        var clock = new PauseClock();
        var attempts = new List<int>();

        await DriveAsync(clock, Run(clock, n => n == 1 ? Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: "30") : null, attempts));

        Assert.That(attempts, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(clock.Pauses, Is.EqualTo(new[] { TimeSpan.FromSeconds(30) }));
    }

    [Test]
    public void The_last_transient_failure_propagates_after_MaxAttempts()
    {
        var clock = new FakeTimeProvider();
        var attempts = new List<int>();

        var error = Assert.ThrowsAsync<HttpRequestException>(() => DriveAsync(clock, Run(clock, n => new HttpRequestException($"reset {n}"), attempts)));

        Assert.That(error!.Message, Is.EqualTo("reset 3"));
        Assert.That(attempts, Has.Count.EqualTo(Options.MaxAttempts));
    }

    [Test]
    public void A_failure_that_will_not_change_is_not_tried_again()
    {
        var clock = new FakeTimeProvider();
        var attempts = new List<int>();

        Assert.ThrowsAsync<HfForbiddenException>(() => Run(clock, _ => Answer(HttpStatusCode.Forbidden), attempts));

        Assert.That(attempts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_lost_write_is_looked_for_and_adopted_instead_of_sent_again()
    {
        var clock = new FakeTimeProvider();
        var sends = 0;
        var looks = 0;

        var result = await StepRetry.SendOrAdoptAsync(
            Options,
            clock,
            _ => { sends++; return Task.FromException<string>(Answer(HttpStatusCode.BadGateway)); },
            _ => { looks++; return Task.FromResult<string?>("adopted"); },
            CancellationToken.None);

        Assert.That(result, Is.EqualTo("adopted"));
        Assert.That((sends, looks), Is.EqualTo((1, 1)));
    }

    [Test]
    public void When_looking_for_a_lost_write_fails_nothing_is_sent_again()
    {
        var clock = new FakeTimeProvider();
        var sends = 0;

        var error = Assert.ThrowsAsync<IOException>(() => StepRetry.SendOrAdoptAsync(
            Options,
            clock,
            _ => { sends++; return Task.FromException<string>(Answer(HttpStatusCode.BadGateway)); },
            _ => Task.FromException<string?>(new IOException("the list was cut")),
            CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("the list was cut"));
        Assert.That(sends, Is.EqualTo(1));
    }

    [Test]
    public async Task A_write_not_found_after_a_loss_is_sent_again_after_the_pause()
    {
        var clock = new PauseClock();
        var sends = 0;
        var looks = 0;

        var result = await DriveAsync(clock, StepRetry.SendOrAdoptAsync(
            Options,
            clock,
            _ => ++sends == 1 ? Task.FromException<string>(new HttpRequestException("reset")) : Task.FromResult("sent"),
            _ => { looks++; return Task.FromResult<string?>(null); },
            CancellationToken.None));

        Assert.That(result, Is.EqualTo("sent"));
        Assert.That((sends, looks), Is.EqualTo((2, 1)));
        Assert.That(clock.Pauses, Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }));
    }
}

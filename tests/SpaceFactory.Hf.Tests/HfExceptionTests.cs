using System.Net;
using Polly.Timeout;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Hf.Tests;

/// <summary>The one exception root of the clients: which failures are transient, and what every failure carries.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class HfExceptionTests
{
    private static HfApiException Answer(HttpStatusCode status, string? requestId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://hub.test/api/whoami-v2");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (requestId is not null)
        {
            response.Headers.Add("x-request-id", requestId);
        }

        return HfApiExceptionFactory.Create(response, "{\"error\":\"x\"}", TimeProvider.System);
    }

    private static IEnumerable<TestCaseData> Exceptions()
    {
        yield return new TestCaseData(Answer(HttpStatusCode.InternalServerError), true).SetName("500 answer");
        yield return new TestCaseData(Answer(HttpStatusCode.BadGateway), true).SetName("502 answer");
        yield return new TestCaseData(Answer(HttpStatusCode.ServiceUnavailable), true).SetName("503 answer");
        yield return new TestCaseData(Answer(HttpStatusCode.TooManyRequests), true).SetName("429 answer (HfRateLimitedException)");
        yield return new TestCaseData(Answer(HttpStatusCode.RequestTimeout), true).SetName("408 answer");
        yield return new TestCaseData(Answer(HttpStatusCode.BadRequest), false).SetName("400 answer");
        yield return new TestCaseData(Answer(HttpStatusCode.Unauthorized), false).SetName("401 answer (HfUnauthorizedException)");
        yield return new TestCaseData(Answer(HttpStatusCode.PaymentRequired), false).SetName("402 answer (HfPaymentRequiredException)");
        yield return new TestCaseData(Answer(HttpStatusCode.Forbidden), false).SetName("403 answer (HfForbiddenException)");
        yield return new TestCaseData(Answer(HttpStatusCode.NotFound), false).SetName("404 answer (HfNotFoundException)");
        yield return new TestCaseData(Answer(HttpStatusCode.Conflict), false).SetName("409 answer (HfConflictException)");
        yield return new TestCaseData(new HfProtocolException("HTML where JSON was expected"), false).SetName("HfProtocolException");
        yield return new TestCaseData(new HfStreamIdleException("quiet for 60 s"), true).SetName("HfStreamIdleException");
        yield return new TestCaseData(new GradioQueueFullException("busy"), true).SetName("GradioQueueFullException");
        yield return new TestCaseData(new GradioStreamException("cut"), true).SetName("GradioStreamException");
        yield return new TestCaseData(new GradioProtocolException("not JSON"), false).SetName("GradioProtocolException");
        yield return new TestCaseData(new GradioProtocolException("could not reach", new HttpRequestException("reset")), true).SetName("GradioProtocolException around a connection failure");
        yield return new TestCaseData(new GradioProtocolException("idle", new HfStreamIdleException()), true).SetName("GradioProtocolException around an idle stream");
        yield return new TestCaseData(new GradioProtocolException("bad gateway") { StatusCode = HttpStatusCode.BadGateway }, true).SetName("GradioProtocolException of a 502");
        yield return new TestCaseData(new GradioAccessException("refused") { StatusCode = HttpStatusCode.Forbidden }, false).SetName("GradioAccessException");
        yield return new TestCaseData(new GradioValidationException("422") { StatusCode = HttpStatusCode.UnprocessableEntity }, false).SetName("GradioValidationException");
        yield return new TestCaseData(new GradioEndpointNotFoundException("no /x"), false).SetName("GradioEndpointNotFoundException");
        yield return new TestCaseData(new GradioAppException("raised", "ValueError"), false).SetName("GradioAppException");
        yield return new TestCaseData(new GradioSpaceUnavailableException("paused", "PAUSED"), false).SetName("GradioSpaceUnavailableException");
    }

    [TestCaseSource(nameof(Exceptions))]
    public void Every_client_exception_says_itself_whether_it_is_transient_and_the_one_rule_agrees(HfException exception, bool transient)
    {
        Assert.That(exception.IsTransient, Is.EqualTo(transient));
        Assert.That(HfException.IsTransientFailure(exception), Is.EqualTo(transient));
        Assert.That(HfException.IsTransientFailure(exception, new CancellationToken(canceled: true)), Is.False, "nothing is tried again after the caller cancelled");
    }

    private static IEnumerable<TestCaseData> TransportFailures()
    {
        yield return new TestCaseData(new HttpRequestException("reset"), true).SetName("HttpRequestException");
        yield return new TestCaseData(new IOException("cut"), true).SetName("IOException");
        yield return new TestCaseData(new TimeoutException("slow"), true).SetName("TimeoutException");
        yield return new TestCaseData(new TimeoutRejectedException("attempt timed out"), true).SetName("TimeoutRejectedException");
        yield return new TestCaseData(new TaskCanceledException("HttpClient timeout", new TimeoutException()), true).SetName("HttpClient timeout");
        yield return new TestCaseData(new OperationCanceledException("cancelled"), false).SetName("OperationCanceledException");
        yield return new TestCaseData(new InvalidOperationException("bug"), false).SetName("InvalidOperationException");
    }

    [TestCaseSource(nameof(TransportFailures))]
    public void Transport_failures_of_dotnet_are_judged_by_the_same_rule(Exception exception, bool transient) =>
        Assert.That(HfException.IsTransientFailure(exception), Is.EqualTo(transient));

    [Test]
    public void An_error_answer_carries_its_status_and_request_id_on_the_root()
    {
        HfException root = Answer(HttpStatusCode.BadGateway, requestId: "Root=1-abc");

        Assert.That(root, Is.InstanceOf<HfApiException>());
        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(root.RequestId, Is.EqualTo("Root=1-abc"));
        Assert.That(((HfApiException)root).StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(new GradioQueueFullException("busy") { StatusCode = HttpStatusCode.ServiceUnavailable }.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(new HfProtocolException("x").StatusCode, Is.Null);
    }
}

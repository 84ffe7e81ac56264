using System.Net;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Phases.Tests;

/// <summary>Which client failures end a run with which typed outcome.</summary>
[TestFixture]
public class HfFailureClassifierTests
{
    private static readonly HfFailureClassifier Classifier = new();

    private static HfApiException Answer(HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hub.test/api/repos/create");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        return HfApiExceptionFactory.Create(response, "{\"error\":\"x\"}", TimeProvider.System);
    }

    [TestCase(HttpStatusCode.InternalServerError, "service_unavailable")]
    [TestCase(HttpStatusCode.BadGateway, "service_unavailable")]
    [TestCase(HttpStatusCode.TooManyRequests, "service_unavailable")]
    [TestCase(HttpStatusCode.RequestTimeout, "service_unavailable")]
    [TestCase(HttpStatusCode.Unauthorized, "blocked")]
    [TestCase(HttpStatusCode.Forbidden, "blocked")]
    public void Hub_answers_after_retries_get_a_typed_outcome(HttpStatusCode status, string expected) =>
        Assert.That(Classifier.Classify(Answer(status))?.Value, Is.EqualTo(expected));

    [Test]
    public void A_not_found_is_left_to_the_step_that_knows_what_was_missing() =>
        Assert.That(Classifier.Classify(Answer(HttpStatusCode.NotFound)), Is.Null);

    [Test]
    public void Connection_failures_and_timeouts_are_service_unavailable()
    {
        Assert.That(Classifier.Classify(new HttpRequestException("reset")), Is.EqualTo(OutcomeCode.ServiceUnavailable));
        Assert.That(Classifier.Classify(new IOException("cut")), Is.EqualTo(OutcomeCode.ServiceUnavailable));
        Assert.That(Classifier.Classify(new HfStreamIdleException()), Is.EqualTo(OutcomeCode.ServiceUnavailable));
    }

    [Test]
    public void Unreadable_answers_are_protocol_errors_and_transient_gradio_failures_are_not()
    {
        Assert.That(Classifier.Classify(new HfProtocolException("HTML where JSON was expected")), Is.EqualTo(OutcomeCode.ProtocolError));
        Assert.That(Classifier.Classify(new GradioProtocolException("not JSON")), Is.EqualTo(OutcomeCode.ProtocolError));
        Assert.That(Classifier.Classify(new GradioProtocolException("could not reach", new HttpRequestException("reset"))), Is.EqualTo(OutcomeCode.ServiceUnavailable));
        Assert.That(Classifier.Classify(new GradioQueueFullException("busy")), Is.EqualTo(OutcomeCode.ServiceUnavailable));
        Assert.That(Classifier.Classify(new GradioEndpointNotFoundException("no /x")), Is.Null);
        Assert.That(Classifier.Classify(new InvalidOperationException("bug")), Is.Null);
    }
}

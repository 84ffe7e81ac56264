using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Phases;

/// <summary>
/// Types the failures of the Hub, Jobs, Bucket and Gradio clients: a service that kept failing after the retries
/// (whatever <see cref="HfException.IsTransientFailure"/> calls transient: 5xx, 429, 408, dropped connections, idle
/// streams) is <see cref="OutcomeCode.ServiceUnavailable"/> and the run can be resumed; an unreadable answer is
/// <see cref="OutcomeCode.ProtocolError"/>; a refused token is <see cref="OutcomeCode.Blocked"/>.
/// </summary>
internal sealed class HfFailureClassifier : IFailureClassifier
{
    /// <inheritdoc />
    public OutcomeCode? Classify(Exception exception) => exception switch
    {
        HfUnauthorizedException or HfForbiddenException or HfGatedRepoException => OutcomeCode.Blocked,
        _ when HfException.IsTransientFailure(exception) => OutcomeCode.ServiceUnavailable,
        GradioProtocolException or HfProtocolException => OutcomeCode.ProtocolError,
        _ => null,
    };
}

using Microsoft.Extensions.DependencyInjection;

namespace SpaceFactory.Hf;

/// <summary>Returned by <c>AddHuggingFace</c> so that further SpaceFactory registrations can be chained.</summary>
public interface IHfBuilder
{
    /// <summary>The service collection the Hugging Face clients were added to.</summary>
    IServiceCollection Services { get; }
}

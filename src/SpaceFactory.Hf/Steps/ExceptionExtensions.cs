using System.Runtime.ExceptionServices;

namespace SpaceFactory.Hf.Steps;

/// <summary>Rethrows an exception caught earlier with its original stack.</summary>
internal static class ExceptionExtensions
{
    public static Exception Rethrow(this Exception exception)
    {
        ExceptionDispatchInfo.Capture(exception).Throw();
        return exception;
    }
}

namespace SpaceFactory.Hf;

/// <summary>The Hub answered that 402: the operation needs a paid plan or credits (e.g. a Gradio Space on a free account, or paid hardware).</summary>
public sealed class HfPaymentRequiredException : HfApiException
{
    internal HfPaymentRequiredException(HfErrorDetails details, string message)
        : base(details, message)
    {
    }
}

namespace SpaceFactory.Cli;

/// <summary>The CLI's exit codes (documented in README and <c>docs/cli.md</c>).</summary>
internal static class ExitCodes
{
    /// <summary>The run succeeded (or the query answered).</summary>
    public const int Success = 0;

    /// <summary>The run ended failed; the record says why.</summary>
    public const int RunFailed = 1;

    /// <summary>An argument or input was invalid (bad model id, unknown recipe, malformed option).</summary>
    public const int InvalidInput = 2;

    /// <summary>No Hugging Face token was configured for the real Hub.</summary>
    public const int MissingToken = 3;

    /// <summary>The Hub endpoint could not be reached or refused the token.</summary>
    public const int Unreachable = 4;

    /// <summary>The requested run or record does not exist.</summary>
    public const int NotFound = 5;

    /// <summary>An unexpected error.</summary>
    public const int InternalError = 70;

    /// <summary>The run was cancelled (Ctrl+C, SIGTERM or <c>spacefactory cancel</c>); a second Ctrl+C exits with the same code.</summary>
    public const int Cancelled = 130;
}

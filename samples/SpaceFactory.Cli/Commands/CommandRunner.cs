using System.Text.Json;
using Microsoft.Extensions.Options;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Redaction;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Execution;
using Spectre.Console;

namespace SpaceFactory.Cli.Commands;

/// <summary>Runs a verb's body and turns failures into clear messages and documented exit codes.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(bool json, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CliInputException or RecipeParameterException or ArgumentException or FormatException or OptionsValidationException)
        {
            return Fail(json, "invalid_input", UserText.Of(ex), ExitCodes.InvalidInput);
        }
        catch (Exception ex) when (ex is MissingTokenException or MissingJobTokenException)
        {
            return Fail(json, "missing_token", ex.Message, ExitCodes.MissingToken);
        }
        catch (HfUnauthorizedException ex)
        {
            return Fail(json, "unauthorized", $"The Hub refused the token: {ex.ServerMessage ?? ex.Message}", ExitCodes.Unreachable);
        }
        catch (HttpRequestException ex)
        {
            return Fail(json, "unreachable", $"The endpoint could not be reached: {ex.Message}", ExitCodes.Unreachable);
        }
        catch (Sandbox.SandboxDataException ex)
        {
            return Fail(json, "sandbox_data", ex.Message, ExitCodes.InvalidInput);
        }
        catch (KeyNotFoundException ex)
        {
            return Fail(json, "not_found", ex.Message, ExitCodes.NotFound);
        }
        catch (OperationCanceledException)
        {
            return Fail(json, "cancelled", "Cancelled.", ExitCodes.RunFailed);
        }
        catch (Exception ex)
        {
            // No .NET type names or parser text: the message in words, and where the details are.
            return Fail(json, "internal_error", $"Something went wrong inside SpaceFactory: {UserText.Of(ex)} Run again with --verbose for details.", ExitCodes.InternalError);
        }
    }

    private static int Fail(bool json, string error, string message, int exitCode)
    {
        message = TokenShapes.Redact(message)!;
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new ErrorJson(error, message, exitCode), CliJsonContext.Readable.ErrorJson));
        }
        else
        {
            CliConsole.Out.MarkupLine($"[red]error[/]: {Markup.Escape(message)}");
        }

        return exitCode;
    }
}

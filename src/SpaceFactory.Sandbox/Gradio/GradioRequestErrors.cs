using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>The answers a real Gradio server gives to malformed requests (FastAPI's validation shapes).</summary>
internal static class GradioRequestErrors
{
    /// <summary>FastAPI's 422 for a body without <c>data</c>.</summary>
    public static Task MissingDataAsync(HttpContext context, JsonObject? body)
    {
        var detail = new JsonArray(new JsonObject
        {
            ["type"] = "missing",
            ["loc"] = new JsonArray("body", "data"),
            ["msg"] = "Field required",
            ["input"] = body?.DeepClone(),
        });
        return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = detail }, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Starlette's 404 body.</summary>
    public static Task NotFoundAsync(HttpContext context)
        => SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "Not Found" }, StatusCodes.Status404NotFound);

    /// <summary>An unknown endpoint: Gradio's <c>FnIndexInferError</c> is unhandled, a 500 in plain text.</summary>
    public static Task UnknownEndpointAsync(HttpContext context)
        => SandboxHttp.WriteTextAsync(context, "Internal Server Error", StatusCodes.Status500InternalServerError);
}

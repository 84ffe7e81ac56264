using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// The scripts the Sandbox's OpenAI-compatible endpoint plays, keyed by model id, and what it was asked.
/// A script registered as <c>model#task</c> serves requests for <c>model</c> whose user messages carry a line
/// <c>task: …</c>, so one model name can stand in for a coding model across the factory's agent tasks; one registered
/// as <c>model#task#subject</c> serves that task when the brief's <c>model: …</c> line names <c>subject</c>.
/// </summary>
internal sealed partial class ScriptedLlm
{
    private readonly ConcurrentDictionary<string, LlmScript> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LlmRequestRecord> _requests = new();

    public ScriptedLlm(IEnumerable<KeyValuePair<string, LlmScript>> scripts)
    {
        foreach (var (model, script) in BuiltInAgentScripts.All.Concat(BuildAgentScripts.All).Concat(scripts))
        {
            _scripts[model] = script;
        }
    }

    public IReadOnlyList<LlmRequestRecord> Requests => [.. _requests];

    public int HangingRequests => Volatile.Read(ref _hanging);

    private readonly System.Threading.Channels.Channel<bool> _hangEntered = System.Threading.Channels.Channel.CreateUnbounded<bool>();
    private int _hanging;

    public void Register(string model, LlmScript script) => _scripts[model] = script;

    public void Record(LlmRequestRecord request) => _requests.Enqueue(request);

    public IDisposable EnterHang()
    {
        Interlocked.Increment(ref _hanging);
        _hangEntered.Writer.TryWrite(true);
        return new HangScope(this);
    }

    /// <summary>Completes once a request is held by a hang turn (one completion per hung request).</summary>
    public async Task WaitForHangAsync(CancellationToken cancellationToken) => await _hangEntered.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The script for <paramref name="model"/> in a conversation whose slots are <paramref name="slots"/>.</summary>
    public LlmScript? Find(string model, IReadOnlyDictionary<string, string> slots)
    {
        if (!slots.TryGetValue("task", out var task))
        {
            return _scripts.GetValueOrDefault(model);
        }

        return slots.TryGetValue("model", out var subject) && _scripts.TryGetValue(model + "#" + task + "#" + subject, out var bySubject) ? bySubject
            : _scripts.TryGetValue(model + "#" + task, out var byTask) ? byTask
            : _scripts.GetValueOrDefault(model);
    }

    /// <summary>The <c>key: value</c> lines of the user messages (first one wins), e.g. <c>- space: alice/demo</c>.</summary>
    public static Dictionary<string, string> Slots(JsonArray? messages)
    {
        var slots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages ?? [])
        {
            if (message?["role"]?.GetValue<string>() is not "user")
            {
                continue;
            }

            foreach (var text in TextParts(message["content"]))
            {
                foreach (Match match in SlotLine().Matches(text))
                {
                    slots.TryAdd(match.Groups["key"].Value, match.Groups["value"].Value.Trim('`'));
                }
            }
        }

        return slots;
    }

    /// <summary>Fills the <c>{{key}}</c> slots of <paramref name="text"/>; an unknown slot is left as it is.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> slots) =>
        text.Contains("{{", StringComparison.Ordinal)
            ? SlotReference().Replace(text, m => slots.TryGetValue(m.Groups["key"].Value, out var value) ? value : m.Value)
            : text;

    private static IEnumerable<string> TextParts(JsonNode? content) => content switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        JsonArray parts => parts.Select(p => p?["text"]?.GetValue<string>()).OfType<string>(),
        _ => [],
    };

    [GeneratedRegex(@"^[ \t]*(?:[-*][ \t]+)?(?<key>[a-z][a-z0-9_]*):[ \t]+(?<value>\S.*?)[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SlotLine();

    [GeneratedRegex(@"\{\{(?<key>[a-z][a-z0-9_]*)\}\}", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SlotReference();

    private sealed class HangScope(ScriptedLlm owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._hanging);
            }
        }
    }
}

using System.Globalization;

namespace SpaceFactory.Phases.Generation;

/// <summary>The literals that fill a <see cref="PythonTemplate"/>'s placeholders; only ever escaped Python literals.</summary>
internal sealed class PythonTemplateValues
{
    private readonly Dictionary<string, string> _literals = new(StringComparer.Ordinal);

    /// <summary>Placeholder name to Python literal.</summary>
    public IReadOnlyDictionary<string, string> Literals => _literals;

    /// <summary>A string constant.</summary>
    public PythonTemplateValues String(string name, string value) => Set(name, PythonLiteral.String(value));

    /// <summary>A list of string constants.</summary>
    public PythonTemplateValues StringList(string name, IEnumerable<string> values) => Set(name, PythonLiteral.StringList(values));

    /// <summary>A whole-number constant.</summary>
    public PythonTemplateValues Integer(string name, long value) => Set(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A finite floating-point constant (always written with a decimal point).</summary>
    public PythonTemplateValues Float(string name, double value) =>
        double.IsFinite(value) ? Set(name, value.ToString("0.0###", CultureInfo.InvariantCulture)) : throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers are Python literals here.");

    private PythonTemplateValues Set(string name, string literal)
    {
        _literals[name] = literal;
        return this;
    }
}

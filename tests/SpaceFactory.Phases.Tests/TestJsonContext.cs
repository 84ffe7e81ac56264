using System.Text.Json.Serialization;

namespace SpaceFactory.Phases.Tests;

/// <summary>Source-generated JSON for test helpers (the libraries forbid reflection-based JSON; tests follow suit).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<SpaceFactory.Hf.Hub.SpaceHardwareFlavor>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

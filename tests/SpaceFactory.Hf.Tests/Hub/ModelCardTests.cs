using System.Text;
using System.Text.Json;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class ModelCardTests
{
    private const string FullCard = """
        ---
        license: other
        license_name: tiny-license
        language: en
        library_name: transformers
        pipeline_tag: text-classification
        tags:
        - sentiment
        - 7
        base_model:
        - org/base-a
        - org/base-b
        datasets: imdb
        metrics: [accuracy, f1]
        widget:
        - text: "I love this movie"
          example_title: Positive
        - text: I hate it
          candidate_labels: pos, neg
        - src: https://example.com/cat.png
        model-index:
        - name: tiny-sentiment
          results:
          - task:
              type: text-classification
            metrics:
            - type: accuracy
              value: 0.91
        quoted_number: "12"
        plain_number: 12
        yes_is_a_string_in_yaml_1_2: no
        flag: true
        nothing: ~
        ---

        # Tiny sentiment
        """;

    [Test]
    public void Parse_reads_typed_metadata_and_the_body()
    {
        var card = ModelCard.Parse(FullCard);
        var m = card.Metadata;

        Assert.Multiple(() =>
        {
            Assert.That(card.IsMetadataMalformed, Is.False);
            Assert.That(m.License, Is.EqualTo("other"));
            Assert.That(m.LicenseName, Is.EqualTo("tiny-license"));
            Assert.That(m.Languages, Is.EqualTo(new[] { "en" }), "a single language string becomes a one-item list");
            Assert.That(m.LibraryName, Is.EqualTo("transformers"));
            Assert.That(m.PipelineTag, Is.EqualTo("text-classification"));
            Assert.That(m.Tags, Is.EqualTo(new[] { "sentiment", "7" }));
            Assert.That(m.BaseModels, Is.EqualTo(new[] { "org/base-a", "org/base-b" }));
            Assert.That(m.Datasets, Is.EqualTo(new[] { "imdb" }));
            Assert.That(m.Metrics, Is.EqualTo(new[] { "accuracy", "f1" }));
            Assert.That(m.Widget.Select(w => w.Text), Is.EqualTo(new[] { "I love this movie", "I hate it", null }));
            Assert.That(m.Widget[0].ExampleTitle, Is.EqualTo("Positive"));
            Assert.That(m.Widget[1].Raw.GetProperty("candidate_labels").GetString(), Is.EqualTo("pos, neg"));
            Assert.That(m.Widget[2].Source, Is.EqualTo("https://example.com/cat.png"));
            Assert.That(m.ModelIndex!.Value[0].GetProperty("results")[0].GetProperty("metrics")[0].GetProperty("value").GetDouble(), Is.EqualTo(0.91));
            Assert.That(card.Body, Is.EqualTo("\n# Tiny sentiment"));
        });

        var raw = m.Raw!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(raw.GetProperty("quoted_number").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(raw.GetProperty("plain_number").GetInt32(), Is.EqualTo(12));
            Assert.That(raw.GetProperty("yes_is_a_string_in_yaml_1_2").GetString(), Is.EqualTo("no"));
            Assert.That(raw.GetProperty("flag").GetBoolean(), Is.True);
            Assert.That(raw.GetProperty("nothing").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Parse_without_front_matter_keeps_the_whole_text_as_body()
    {
        var card = ModelCard.Parse("# Just markdown\n---\nnot: metadata\n---\n");
        Assert.That(card.MetadataYaml, Is.Null);
        Assert.That(card.Metadata, Is.SameAs(ModelCardMetadata.Empty));
        Assert.That(card.Body, Is.EqualTo("# Just markdown\n---\nnot: metadata\n---\n"));
        Assert.That(card.IsMetadataMalformed, Is.False);
    }

    [Test]
    public void Parse_accepts_crlf_line_endings_and_leading_blank_lines()
    {
        var card = ModelCard.Parse("\r\n---\r\nlicense: mit\r\ntags:\r\n- a\r\n---\r\nBody\r\n");
        Assert.That(card.Metadata.License, Is.EqualTo("mit"));
        Assert.That(card.Metadata.Tags, Is.EqualTo(new[] { "a" }));
        Assert.That(card.Body, Is.EqualTo("Body\r\n"));
    }

    [Test]
    public void Parse_of_an_empty_front_matter_has_empty_metadata_and_no_error()
    {
        var card = ModelCard.Parse("---\n\n---\nBody");
        Assert.That(card.IsMetadataMalformed, Is.False);
        Assert.That(card.Metadata.License, Is.Null);
        Assert.That(card.Body, Is.EqualTo("Body"));
    }

    [TestCase("---\n- a\n- b\n---\n", "must be a YAML mapping")]
    [TestCase("---\njust a string\n---\n", "must be a YAML mapping")]
    [TestCase("---\nlicense: mit\nlicense: apache-2.0\n---\n", "not valid YAML")]
    [TestCase("---\nkey: \"unterminated\n---\n", "not valid YAML")]
    [TestCase("---\na: b: c\n---\n", "not valid YAML")]
    public void Parse_never_throws_on_bad_metadata(string text, string expected)
    {
        var card = ModelCard.Parse(text);
        Assert.That(card.IsMetadataMalformed, Is.True);
        Assert.That(card.MetadataError, Does.Contain(expected));
        Assert.That(card.Metadata, Is.SameAs(ModelCardMetadata.Empty));
    }

    [Test]
    public void Parse_stops_alias_expansion_bombs()
    {
        var yaml = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + previous, 10)).Append("]\n");
        }

        yaml.Append("---\nbody");
        var card = ModelCard.Parse(yaml.ToString());

        Assert.That(card.IsMetadataMalformed, Is.True);
        Assert.That(card.MetadataError, Does.Contain("more than 100000 values"));
    }

    [Test]
    public void ToString_does_not_dump_card_content()
    {
        var card = ModelCard.Parse("---\nlicense: mit\n---\nsecret-ish body text");
        Assert.That(card.ToString(), Does.Not.Contain("secret-ish"));
    }
}

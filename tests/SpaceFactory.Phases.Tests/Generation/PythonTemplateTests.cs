using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Generation;

[TestFixture]
public class PythonTemplateTests
{
    private const string Template = "A = {{A}}\nx = 1  # sf:cpu\nx = 2  # sf:zerogpu\nB = {{B}}\n";

    [Test]
    public void Placeholders_become_escaped_literals_and_only_the_lines_of_the_hardware_stay()
    {
        var values = new PythonTemplateValues().String("A", "say \"hi\"\n").Integer("B", 7);

        Assert.That(PythonTemplate.Render(Template, values, zeroGpu: false), Is.EqualTo("A = \"say \\\"hi\\\"\\n\"\nx = 1\nB = 7\n"));
        Assert.That(PythonTemplate.Render(Template, values, zeroGpu: true), Is.EqualTo("A = \"say \\\"hi\\\"\\n\"\nx = 2\nB = 7\n"));
    }

    [Test]
    public void A_placeholder_without_a_value_fails_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PythonTemplate.Render(Template, new PythonTemplateValues().String("A", "a"), zeroGpu: false));
        Assert.That(error!.Message, Does.Contain("{{B}}"));
    }

    [Test]
    public void A_value_without_a_placeholder_fails_naming_it()
    {
        var values = new PythonTemplateValues().String("A", "a").Integer("B", 1).String("C", "c");
        var error = Assert.Throws<InvalidOperationException>(() => PythonTemplate.Render(Template, values, zeroGpu: false));
        Assert.That(error!.Message, Does.Contain("C"));
    }

    [Test]
    public void Card_text_cannot_become_a_placeholder()
    {
        var rendered = PythonTemplate.Render("A = {{A}}\nB = {{B}}\n", new PythonTemplateValues().String("A", "{{B}}").String("B", "b"), zeroGpu: false);
        Assert.That(rendered, Is.EqualTo("A = \"{{B}}\"\nB = \"b\"\n"), "values are not scanned again");
    }

    [Test]
    public void Every_template_file_is_embedded_and_loads()
    {
        foreach (var name in (string[])["text_generation.py", "chat.py", "text_to_image.py", "image_classification_timm.py", "smoke.py"])
        {
            Assert.That(PythonTemplate.Load(name), Does.Contain("def health()"), name);
        }

        Assert.Throws<InvalidOperationException>(() => PythonTemplate.Load("missing.py"));
    }
}

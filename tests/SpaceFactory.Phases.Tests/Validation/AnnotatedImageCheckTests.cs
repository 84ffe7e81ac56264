using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Tests.Validation;

[TestFixture]
public class AnnotatedImageCheckTests
{
    private const string File = """{"path": "/tmp/gradio/abc/image.png", "url": "http://127.0.0.1/gradio_api/file=/tmp/gradio/abc/image.png", "meta": {"_type": "gradio.FileData"}}""";
    private const string Annotated = $$"""{"image": {{File}}, "annotations": [{"image": {{File}}, "label": "cat 0.91"}, {"image": {{File}}, "label": "dog 0.40"}]}""";
    private const string Boxes = """[{"label": "cat", "score": 0.91, "box": {"xmin": 1, "ymin": 2, "xmax": 30, "ymax": 40}}, {"label": "dog", "score": 0.4, "box": {"xmin": 0, "ymin": 0, "xmax": 64, "ymax": 64}}]""";

    private static IReadOnlyList<JsonElement> Outputs(params string[] values) => [.. values.Select(v => JsonDocument.Parse(v).RootElement.Clone())];

    [Test]
    public void Detection_passes_with_labelled_masks_and_as_many_well_formed_boxes()
    {
        var verdict = new AnnotatedImageCheck(withBoxes: true).Evaluate(Outputs(Annotated, Boxes));

        Assert.That(verdict.Passed, Is.True, verdict.Reason);
        Assert.That(verdict.Reason, Is.EqualTo("2 labelled boxes (top 'cat')"));
    }

    [Test]
    public void Segmentation_passes_with_labelled_masks_alone()
    {
        var verdict = new AnnotatedImageCheck(withBoxes: false).Evaluate(Outputs(Annotated));

        Assert.That(verdict.Passed, Is.True, verdict.Reason);
        Assert.That(verdict.Reason, Is.EqualTo("2 labelled masks (first 'cat 0.91')"));
    }

    [TestCase("""{"image": null, "annotations": []}""", "base image file")]
    [TestCase($$"""{"image": {{File}}, "annotations": []}""", "no annotations")]
    [TestCase($$"""{"image": {{File}}, "annotations": [{"image": {{File}}, "label": " "}]}""", "lacks its mask file or its label")]
    [TestCase($$"""{"image": {{File}}, "annotations": [{"label": "cat"}]}""", "lacks its mask file or its label")]
    [TestCase("\"a caption\"", "expected an AnnotatedImage")]
    public void A_malformed_annotated_image_fails_saying_what_is_wrong(string annotated, string reason)
    {
        var verdict = new AnnotatedImageCheck(withBoxes: false).Evaluate(Outputs(annotated));

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Reason, Does.Contain(reason));
    }

    [TestCase("[]", "non-empty list of boxes")]
    [TestCase("""[{"score": 0.5, "box": {"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1}}]""", "has no label")]
    [TestCase("""[{"label": "cat", "score": 1.5, "box": {"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1}}]""", "not between 0 and 1")]
    [TestCase("""[{"label": "cat", "score": 0.5}]""", "no coordinates")]
    [TestCase("""[{"label": "cat", "score": 0.5, "box": {"xmin": 0, "ymin": 0, "xmax": 1}}]""", "ymax is missing")]
    [TestCase("""[{"label": "cat", "score": 0.5, "box": {"xmin": 9, "ymin": 0, "xmax": 1, "ymax": 1}}]""", "not ordered")]
    [TestCase("""[{"label": "cat", "score": 0.5, "box": {"xmin": 0, "ymin": 0, "xmax": 1, "ymax": 1}}]""", "2 annotations but the list has 1 boxes")]
    public void Malformed_boxes_fail_saying_what_is_wrong(string boxes, string reason)
    {
        var verdict = new AnnotatedImageCheck(withBoxes: true).Evaluate(Outputs(Annotated, boxes));

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Reason, Does.Contain(reason));
    }

    [Test]
    public void Detection_without_the_box_list_fails()
    {
        var verdict = new AnnotatedImageCheck(withBoxes: true).Evaluate(Outputs(Annotated));

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Reason, Does.Contain("not the list of boxes"));
    }

    [Test]
    public void The_base_image_and_the_first_masks_are_downloaded_and_must_decode()
    {
        var check = new AnnotatedImageCheck(withBoxes: false);
        var many = $$"""{"image": {{File}}, "annotations": [{{string.Join(", ", Enumerable.Repeat($$"""{"image": {{File}}, "label": "x"}""", 9))}}]}""";

        Assert.That(check.FileReferences(Outputs(many)), Has.Count.EqualTo(1 + AnnotatedImageCheck.MaxMasksDownloaded), "bounded: the base image and four masks");
        Assert.That(check.EvaluateContent(TinyMedia.BoxMaskPng(64, 32, 4, 4, 20, 20)).Result.Reason, Does.Contain("64x32 PNG"));
        Assert.That(check.EvaluateContent("not an image"u8).Result.Passed, Is.False);
    }
}

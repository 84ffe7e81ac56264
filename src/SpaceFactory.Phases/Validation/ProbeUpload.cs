namespace SpaceFactory.Phases.Validation;

/// <summary>
/// A media input the validation makes itself and uploads through the app's Gradio upload route before the call; the
/// uploaded file replaces the probe's input at <paramref name="InputIndex"/>.
/// </summary>
/// <param name="InputIndex">The position of the file input among the probe's inputs.</param>
/// <param name="Kind"><see cref="ProbeMedia.Png"/> or <see cref="ProbeMedia.Wav"/>.</param>
public sealed record ProbeUpload(int InputIndex, string Kind);

namespace FastFlow.Actions.Text;

/// <summary>Text read up to a limit.</summary>
/// <param name="Text">What was kept.</param>
/// <param name="Truncated">True when more was there and dropped.</param>
internal readonly record struct BoundedText(string Text, bool Truncated);

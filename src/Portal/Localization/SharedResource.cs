namespace CloudpackPlus.Portal;

/// <summary>Marker for the portal's one resource file set: Resources/SharedResource(.en).resx (neutral = Japanese).</summary>
public sealed class SharedResource;

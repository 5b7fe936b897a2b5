namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// A moment from which Kimi CLI ran a session with a model, as its own log <c>logs/kimi.log</c> tells.
/// </summary>
/// <param name="At">When the process said which model it uses.</param>
/// <param name="Model">The model (canonical).</param>
internal readonly record struct ModelLaunch(DateTimeOffset At, string Model);

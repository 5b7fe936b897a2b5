namespace Omk.Cost.Domain.Usage;

/// <summary>
/// The prices of models over time, with aliases for models priced as others. Model names are compared without
/// regard to case, and a name with a provider prefix (<c>kimi-code/kimi-for-coding</c>) is also looked up by its last
/// segment (<c>kimi-for-coding</c>).
/// </summary>
internal sealed class PriceTable
{
    private const int MaxAliasDepth = 8;

    private readonly Dictionary<string, Entry[]> _entries;

    /// <summary>
    /// Initializes a new instance of the <see cref="PriceTable"/> class.
    /// </summary>
    /// <param name="prices">The prices.</param>
    /// <param name="aliases">The aliases, or null for none.</param>
    public PriceTable(IEnumerable<ModelPrice> prices, IEnumerable<ModelAlias>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var lists = new Dictionary<string, List<Entry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var price in prices)
        {
            ArgumentNullException.ThrowIfNull(price);
            Add(lists, price.Model, new Entry(price.EffectiveFrom, price, null));
        }

        foreach (var alias in aliases ?? [])
        {
            ArgumentNullException.ThrowIfNull(alias);
            Add(lists, alias.Model, new Entry(alias.EffectiveFrom, null, alias));
        }

        _entries = new Dictionary<string, Entry[]>(lists.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, list) in lists)
        {
            // Oldest first; a price without a start date comes before every dated one.
            list.Sort(static (a, b) => Nullable.Compare(a.EffectiveFrom, b.EffectiveFrom));
            _entries.Add(model, [.. list]);
        }
    }

    /// <summary>Gets a table with no price at all.</summary>
    public static PriceTable Empty { get; } = new([]);

    /// <summary>Gets every price of the table.</summary>
    public IEnumerable<ModelPrice> Prices => _entries.Values.SelectMany(static list => list).Where(static e => e.Price is not null).Select(static e => e.Price!);

    /// <summary>
    /// Builds a table in which every model named by <paramref name="overrides"/> is priced by it alone, and every
    /// other model as in this table.
    /// </summary>
    /// <param name="overrides">The prices that take precedence.</param>
    /// <returns>The merged table.</returns>
    public PriceTable MergedWith(PriceTable overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var kept = _entries.Where(pair => !overrides._entries.ContainsKey(pair.Key)).SelectMany(static pair => pair.Value).ToList();
        var added = overrides._entries.Values.SelectMany(static list => list).ToList();
        var all = kept.Concat(added).ToList();
        return new PriceTable(
            all.Where(static e => e.Price is not null).Select(static e => e.Price!),
            all.Where(static e => e.Alias is not null).Select(static e => e.Alias!));
    }

    /// <summary>
    /// Finds the price of a model at a moment, following aliases.
    /// </summary>
    /// <param name="model">The model, possibly with a provider prefix.</param>
    /// <param name="at">The moment of the model call.</param>
    /// <param name="price">The price, when there is one.</param>
    /// <returns><see langword="true"/> when the model has a price at that moment.</returns>
    public bool TryFind(string? model, DateTimeOffset at, out ModelPrice? price) => TryFind(model, at, out price, out _, out _);

    /// <summary>
    /// Finds the price of a model at a moment, following aliases, and the span of moments around it over which the
    /// same model gets the same answer, so that a caller pricing many calls can reuse it.
    /// </summary>
    /// <param name="model">The model, possibly with a provider prefix.</param>
    /// <param name="at">The moment of the model call.</param>
    /// <param name="price">The price, when there is one.</param>
    /// <param name="from">The first moment of the span (inclusive).</param>
    /// <param name="until">The end of the span (exclusive).</param>
    /// <returns><see langword="true"/> when the model has a price at that moment.</returns>
    internal bool TryFind(string? model, DateTimeOffset at, out ModelPrice? price, out DateTimeOffset from, out DateTimeOffset until)
    {
        from = DateTimeOffset.MinValue;
        until = DateTimeOffset.MaxValue;
        var name = model;
        for (var depth = 0; depth < MaxAliasDepth && name is not null; depth++)
        {
            var entry = FindEntry(name, at, ref from, ref until);
            if (entry?.Price is { } found)
            {
                price = found;
                return true;
            }

            name = entry?.Alias?.PricedAs;
        }

        price = null;
        return false;
    }

    /// <summary>
    /// Prices the tokens of one model call, or says that the model has no price.
    /// </summary>
    /// <param name="model">The model, possibly with a provider prefix.</param>
    /// <param name="at">The moment of the model call, which chooses among dated prices.</param>
    /// <param name="usage">The tokens.</param>
    /// <returns>The cost in US dollars, or null when the model has no price: never zero for lack of a price.</returns>
    public decimal? Price(string? model, DateTimeOffset at, TokenUsage usage) =>
        TryFind(model, at, out var price) ? price!.CostOf(usage) : null;

    private static void Add(Dictionary<string, List<Entry>> lists, string model, Entry entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var key = model.Trim();
        if (!lists.TryGetValue(key, out var list))
        {
            list = [];
            lists.Add(key, list);
        }

        list.Add(entry);
    }

    /// <summary>
    /// Finds the entry of a model in force at a moment: the last one, oldest first, that starts at or before it.
    /// Narrows <paramref name="spanFrom"/> and <paramref name="spanUntil"/> to the moments at which the same entry
    /// is found: from the chosen entry's start to the next entry's start.
    /// </summary>
    private Entry? FindEntry(string model, DateTimeOffset at, ref DateTimeOffset spanFrom, ref DateTimeOffset spanUntil)
    {
        var key = model.Trim();
        if (!_entries.TryGetValue(key, out var list))
        {
            var slash = key.LastIndexOf('/');
            if (slash < 0 || !_entries.TryGetValue(key[(slash + 1)..], out list))
            {
                return null;
            }
        }

        Entry? chosen = null;
        foreach (var entry in list)
        {
            if (entry.EffectiveFrom is not { } start)
            {
                chosen = entry;
            }
            else if (start <= at)
            {
                chosen = entry;
                if (start > spanFrom)
                {
                    spanFrom = start;
                }
            }
            else
            {
                // The list is sorted oldest first: the first entry that starts after the moment ends the span, and
                // no later one can be in force at the moment.
                if (start < spanUntil)
                {
                    spanUntil = start;
                }

                break;
            }
        }

        return chosen;
    }

    private sealed record Entry(DateTimeOffset? EffectiveFrom, ModelPrice? Price, ModelAlias? Alias);
}

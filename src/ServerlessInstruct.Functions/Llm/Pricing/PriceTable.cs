using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm.Pricing;

/// <summary>Finds a model's price in <see cref="PricingOptions"/>: the longest configured name the model's name starts with.</summary>
public sealed class PriceTable(IOptions<PricingOptions> options)
{
    private readonly KeyValuePair<string, ModelPrice>[] _byLength =
        [.. options.Value.Models.OrderByDescending(m => m.Key.Length).ThenBy(m => m.Key, StringComparer.Ordinal)];

    /// <summary>
    /// The price of <paramref name="model"/>, or null when none is configured. <c>gpt-4o-mini-2024-07-18</c> takes
    /// the <c>gpt-4o-mini</c> price, not the <c>gpt-4o</c> one.
    /// </summary>
    public ModelPrice? Find(string model)
    {
        foreach (var (name, price) in _byLength)
        {
            if (model.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return price;
            }
        }

        return null;
    }
}

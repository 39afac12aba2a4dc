namespace ServerlessInstruct.Core.Languages;

/// <summary>Which published blacklist an instruction filter applies.</summary>
public enum BlacklistKind
{
    /// <summary>The Self-Instruct list (images, graphs, pictures, files, maps, draw, plot, go to): used by the <c>self-instruct</c> mode.</summary>
    SelfInstruct,

    /// <summary>
    /// The Self-Instruct list plus Alpaca's additions (video, audio, music, flowchart, diagram): used by the
    /// <c>alpaca</c>, <c>translate</c> and <c>qa-rewrite</c> modes, which all descend from the Alpaca recipe.
    /// </summary>
    Alpaca,
}

namespace ServerlessInstruct.Core.Prompts;

/// <summary>Which half of an instance the model writes first.</summary>
public enum InstanceOrder
{
    /// <summary>An input, then its output (tasks that need no input get the output only): for non-classification tasks.</summary>
    InputFirst,

    /// <summary>A class label, then an input of that class, so the labels do not all collapse onto one: for classification tasks.</summary>
    OutputFirst,
}

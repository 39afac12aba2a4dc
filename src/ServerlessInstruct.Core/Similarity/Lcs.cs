using System.Buffers;

namespace ServerlessInstruct.Core.Similarity;

/// <summary>Longest common subsequence length by the textbook dynamic programme (one row, O(m*n)).</summary>
internal static class Lcs
{
    private const int StackLimit = 256;

    public static int Length<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second)
        where T : IEquatable<T>
    {
        if (first.IsEmpty || second.IsEmpty)
        {
            return 0;
        }

        int columns = second.Length + 1;
        int[]? rented = null;
        Span<int> row = columns <= StackLimit
            ? stackalloc int[StackLimit]
            : (rented = ArrayPool<int>.Shared.Rent(columns));
        row = row[..columns];
        row.Clear();
        try
        {
            foreach (T item in first)
            {
                int diagonal = 0;
                for (int j = 1; j < columns; j++)
                {
                    int above = row[j];
                    row[j] = item.Equals(second[j - 1]) ? diagonal + 1 : Math.Max(above, row[j - 1]);
                    diagonal = above;
                }
            }

            return row[columns - 1];
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }
}

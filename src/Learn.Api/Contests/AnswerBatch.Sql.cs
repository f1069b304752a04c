using System.Data.Common;
using System.Globalization;
using System.Text;
using Learn.Core.Contests;
using Learn.Core.Contests.Boards;
using Learn.Core.Data;
using Learn.Core.Questions;
using Microsoft.EntityFrameworkCore;

namespace Learn.Api.Contests;

/// <summary>Small ADO.NET helpers shared by the batch's statements.</summary>
public sealed partial class AnswerBatch
{
    private static string Pair(string alias, long attemptId, int seq) =>
        string.Create(CultureInfo.InvariantCulture, $"({alias}.attempt_id = {attemptId} AND {alias}.seq = {seq})");

    private static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Param(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    private static DateTime? Time(DbDataReader r, int i) => AnswerTotals.Time(r, i);
}

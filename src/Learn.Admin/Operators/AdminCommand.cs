using System.Text;

namespace Learn.Admin.Operators;

/// <summary>
/// <c>Learn.Admin admin create USERNAME</c> and <c>admin reset-password USERNAME</c>: the way an operator
/// makes the first super administrator on a fresh database. The password never travels as an argument
/// (it would sit in the shell history and in <c>ps</c>): it comes from <see cref="PasswordVariable"/>
/// or standard input. Exit codes: 0 done, 1 refused (reason on stderr), 2 wrong usage.
/// </summary>
public static class AdminCommand
{
    public const string PasswordVariable = "LEARN_ADMIN_PASSWORD";

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args is not ["admin", ..]) return false;
        if (args is not ["admin", var verb, var userName] || verb is not ("create" or "reset-password"))
        {
            Console.Error.WriteLine("用法：admin create 用户名 | admin reset-password 用户名（密码从标准输入或环境变量 " + PasswordVariable + " 读取）");
            Environment.ExitCode = 2;
            return true;
        }
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        var password = ReadPassword();
        if (password is null)
        {
            Console.Error.WriteLine($"未提供密码：请通过标准输入或环境变量 {PasswordVariable} 提供。");
            Environment.ExitCode = 2;
            return true;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var accounts = ActivatorUtilities.CreateInstance<OperatorAccounts>(scope.ServiceProvider);
        var refusal = verb == "create"
            ? await accounts.CreateSuperAdminAsync(userName, password, CancellationToken.None)
            : await accounts.ResetPasswordAsync(userName, password, CancellationToken.None);
        if (refusal is not null)
        {
            Console.Error.WriteLine("失败：" + refusal);
            Environment.ExitCode = 1;
            return true;
        }
        Console.WriteLine(verb == "create" ? $"已创建超级管理员 {userName}。" : $"已重设 {userName} 的密码，并解除锁定、注销其全部会话。");
        return true;
    }

    private static string? ReadPassword()
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnv) return fromEnv;
        if (Console.IsInputRedirected) return Console.In.ReadLine() is { Length: > 0 } line ? line : null;
        // A person at a terminal: ask twice, echo nothing.
        var first = Prompt("请输入密码：");
        var second = Prompt("请再次输入：");
        if (first == second) return first.Length > 0 ? first : null;
        Console.Error.WriteLine("两次输入的密码不一致。");
        return null;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}

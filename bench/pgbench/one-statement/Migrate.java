import java.sql.Connection;
import java.sql.DriverManager;

public class Migrate {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/bench_a", "bench_a", "bench")) {
            System.out.println("applied " + dev.todo.persistence.SchemaMigrations.migrate(c));
        }
    }
}

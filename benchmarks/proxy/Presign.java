import io.camgate.cos.CosSettings;
import io.camgate.cos.CosRequest;
import io.camgate.cos.RequestClassifier;
import io.camgate.cos.RequestHeaders;
import io.camgate.cos.Transport;
import io.camgate.identity.Directory;
import io.camgate.sign.RequestSigner;
import java.time.Clock;
import java.util.List;

/**
 * Prints N presigned request-targets for METHOD (GET unless given) host/key, signed the COS v5 way with the given
 * key, each with its own window start so that no two are alike (the gateway caches nothing per
 * URL, and a benchmark should not pretend otherwise). Run with the gateway jar on the class path:
 * {@code java -cp target/camgate.jar benchmarks/proxy/Presign.java HOST KEY SECRETID SECRETKEY N [METHOD]}.
 */
public final class Presign {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        String path = "/" + args[1];
        String secretId = args[2];
        String secretKey = args[3];
        int n = Integer.parseInt(args[4]);
        String method = args.length > 5 ? args[5] : "GET";
        CosRequest request = new RequestClassifier(CosSettings.DEFAULTS, Clock.systemUTC()).classify(method, path,
                RequestHeaders.of("Host", host), Transport.plain("127.0.0.1"), Directory.empty());
        long now = System.currentTimeMillis() / 1000;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long start = now - 60 - i;
            String auth = RequestSigner.authorization(request, secretId, secretKey, start, start + 7200,
                    List.of("host"));
            out.append(path).append('?').append(auth.replace(";", "%3B")).append('\n');
        }
        System.out.print(out);
    }
}

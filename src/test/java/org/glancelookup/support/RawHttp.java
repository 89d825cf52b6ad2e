package org.glancelookup.support;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One HTTP request written as raw bytes on a socket, so that nothing cleans it up on the way to the server. */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * Sends the request as it is (then closes the sending side if asked) and returns what came back: until the
     * server closed the connection, a whole answer with a Content-Length arrived, or 3 s passed. Empty: closed
     * without an answer.
     */
    public static String send(int port, String request, boolean closeAfter) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            if (closeAfter) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException quiet) {
                if (answer.size() == 0) {
                    return "(no answer in 3 s, connection open)";
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        int length = answer.toLowerCase().indexOf("content-length: ");
        if (end < 0 || length < 0 || length > end) {
            return false;
        }
        int size = Integer.parseInt(answer.substring(length + 16, answer.indexOf("\r\n", length)).strip());
        return answer.length() >= end + 4 + size;
    }
}

import { startKakaoStandIn } from "./stand-in";

void startKakaoStandIn({
  port: Number(process.env.KAKAO_STANDIN_PORT ?? 3211),
  clientId: process.env.KAKAO_CLIENT_ID ?? "",
  clientSecret: process.env.KAKAO_CLIENT_SECRET ?? "",
}).then(({ url }) => console.log(`Kakao stand-in on ${url}`));

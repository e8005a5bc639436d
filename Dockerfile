# Build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:17-jre
COPY operator/target/ha-iscsi-operator-*-all.jar /opt/ha-iscsi-operator/operator.jar
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/ha-iscsi-operator/operator.jar", "run"]
